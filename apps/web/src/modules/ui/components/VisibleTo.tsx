/** Who can see a confidential panel, said in words at its top: "Visible to: your side only". */
export function VisibleTo({ children, testId = 'visible-to' }: { children: string; testId?: string }) {
  return (
    <p className="visible-to" data-testid={testId}>
      {children}
    </p>
  );
}
