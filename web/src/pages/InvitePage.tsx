import { useQuery } from "@tanstack/react-query";
import { useNavigate, useParams } from "react-router";
import { useAction } from "../api/actions.ts";
import { client, errorMessage, requestApi } from "../api/client.ts";
import { keys } from "../api/queries.ts";
import type { Me } from "../api/types.ts";
import { usePageTitle } from "../lib/title.ts";
import { Button } from "../ui/button.tsx";
import { Skeleton } from "../ui/skeleton.tsx";

type Joined = Me["accounts"][number];

/**
 * A family member's invitation link: it says who invites them to which account (worded by the API, in the
 * browser's language), and one press joins it.
 */
export default function InvitePage() {
  usePageTitle("Join your family");
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const invitation = useQuery({
    queryKey: keys.invite(token),
    queryFn: () => requestApi(client.invites.preview.$post({ json: { token } })),
    retry: false,
  });
  const accept = useAction<void, Joined>({
    run: () => requestApi(client.invites.accept.$post({ json: { token } })),
    invalidates: [keys.me, keys.account, keys.lines, keys.usage],
    success: (account) => `You've joined ${account.name}.`,
    onSuccess: () => navigate("/"),
  });
  return (
    <section className="card stack" aria-labelledby="invite-title">
      <h1 id="invite-title">Join your family on Ultaura</h1>
      {invitation.isPending ? (
        <Skeleton lines={2} />
      ) : invitation.isError ? (
        <p className="attention" role="alert">
          {errorMessage(invitation.error)}
        </p>
      ) : (
        <>
          <p className="lead" data-testid="invitation">
            {invitation.data.invitation}
          </p>
          <p>
            You'll share the care: you'll see every call, alert and setting, and you can change call times and
            settings. Billing stays with the person who invited you.
          </p>
          <Button
            variant="primary"
            onClick={() => accept.mutate()}
            busy={accept.isPending}
            busyText="Joining…"
          >
            Accept the invitation
          </Button>
        </>
      )}
    </section>
  );
}
