// A dotted or dashed key (`write.upsert.enabled`, `flink.max-committed-checkpoint-id`) that may
// wrap after its dots and dashes in a narrow column, never mid-word when it can help it.
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[.\-_])/);
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </span>
      ))}
    </>
  );
}
