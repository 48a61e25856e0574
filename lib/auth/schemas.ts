import { z } from "zod";
import { hasControlCharacter, normalizeName } from "./names";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password";

// A NUL byte reaching PostgreSQL is an error ("invalid byte sequence"), i.e. a 500: such input is
// refused here as a field error instead. Other control characters cannot be part of an email address.
export const emailField = z
  .string({ error: "Enter your email address." })
  .refine((value) => !hasControlCharacter(value), "Email addresses cannot contain control characters.")
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));

const NUL_IN_PASSWORD = "Passwords cannot contain a NUL character.";
const noNul = (value: string) => !value.includes("\u0000");

/** A person's name, normalised (lib/auth/names.ts) before its length is checked. */
export const nameField = z
  .string({ error: "Enter your name." })
  .transform(normalizeName)
  .pipe(z.string().min(1, "Enter your name.").max(100, "Use at most 100 characters for your name."));

export const signInInput = z.object({
  email: emailField,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH).refine(noNul, NUL_IN_PASSWORD),
});

export const signUpInput = z
  .object({
    name: nameField,
    email: emailField,
    password: z
      .string({ error: "Choose a password." })
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters for your password.`)
      .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters for your password.`)
      .refine(noNul, NUL_IN_PASSWORD),
    confirmPassword: z.string({ error: "Type your password again." }),
  })
  .refine((input) => input.password === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });

export type SignUpInput = z.infer<typeof signUpInput>;
