/** How mail and public pages link back to the app: its public address and the key that signs links. */
export type MailLinks = { publicUrl: string; secret: string };
