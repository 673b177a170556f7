/** `Name <a@b>` or `a@b` → its parts; the address's domain names our Message-IDs. */
export function parseMailbox(mailbox: string): { name: string | null; address: string } {
  const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(mailbox);
  if (match) return { name: match[1].replace(/^"|"$/g, '') || null, address: match[2] };
  return { name: null, address: mailbox.trim() };
}

export const messageIdOf = (id: string, from: string) =>
  `<${id}@${parseMailbox(from).address.split('@')[1] ?? 'unknot'}>`;
