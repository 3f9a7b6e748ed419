"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const [error, setError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    // next-auth passes on what authorize threw: codes only (server/auth/options.ts).
    setError(
      result?.error === "RATE_LIMITED"
        ? t("tooManyAttempts")
        : result?.error === "CredentialsSignin"
          ? t("invalidCredentials")
          : t("signInUnavailable"),
    );
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} className="flex flex-col gap-3" noValidate>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("username")}
        <input name="username" type="email" autoComplete="username" required className="input" aria-describedby="sign-in-error" />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("password")}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="input"
          aria-describedby="sign-in-error"
        />
      </label>
      <p id="sign-in-error" role="alert" aria-live="assertive" className="min-h-5 text-sm text-danger">
        {error}
      </p>
      <button type="submit" className="btn btn-primary justify-center" disabled={isPending} aria-busy={isPending}>
        {isPending ? t("signingIn") : t("signIn")}
      </button>
    </form>
  );
}
