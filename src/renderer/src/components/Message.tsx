export interface MessageState {
  kind: 'error' | 'success' | 'info';
  text: string;
}

/** The answer to the last command of a form; role=status so screen readers announce it. */
export function Message({ message, testId }: { message: MessageState | null; testId: string }) {
  if (!message) return null;
  return (
    <div className={`message message-${message.kind}`} role="status" data-testid={testId} data-kind={message.kind}>
      {message.text}
    </div>
  );
}
