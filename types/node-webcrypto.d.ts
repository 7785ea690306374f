// Deno, workerd and browsers declare WebCrypto's CryptoKey globally; Node's types keep it under
// `webcrypto`. Declared here so code shared by every runtime type-checks under Node too.
type CryptoKey = import("node:crypto").webcrypto.CryptoKey;
