/**
 * A username (UPN) that breaks before its "@" when the column is narrow, and only inside a part
 * if that part alone is too wide: never "global.admin@contoso.exa / mple".
 */
export function Upn({ value }: { value: string }) {
  const at = value.indexOf("@");
  return (
    <span className="[overflow-wrap:anywhere]">
      {at > 0 ? (
        <>
          {value.slice(0, at)}
          <wbr />
          {value.slice(at)}
        </>
      ) : (
        value
      )}
    </span>
  );
}
