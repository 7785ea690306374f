import { AuthForm } from "./AuthForm.tsx";

export default function SignUp() {
  return <AuthForm mode="sign-up" />;
}
