// A name or key (`order_totals`, `write.upsert.enabled`, `flink.max-committed-checkpoint-id`) that
// may wrap after its underscores, dots and dashes in a narrow column or node, never mid-word when
// it can help it.
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
