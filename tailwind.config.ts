import type { Config } from "tailwindcss";

/** Fluent-like palette: the admin center's blue, neutral greys, and status colors. */
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { DEFAULT: "#0f6cbd", dark: "#0c3b5e", light: "#ebf3fc" },
        warn: { DEFAULT: "#8a5a00", bg: "#fff4ce", border: "#f2c661" },
        danger: { DEFAULT: "#b10e1c", bg: "#fde7e9" },
        ok: { DEFAULT: "#0e700e", bg: "#f1faf1" },
      },
      fontFamily: {
        sans: ['"Segoe UI"', "system-ui", "-apple-system", "Roboto", '"Noto Sans"', '"Noto Sans CJK SC"', "sans-serif"],
      },
    },
  },
};

export default config;
