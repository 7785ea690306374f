/** What a provisioning step did (or, in a dry run, would do): `changed` is false when all was in place. */
export type ProvisionOutcome = { changed: boolean; actions: string[] };
