/** The signed-in person making a request. Case roles are looked up per case by the policy. */
export interface Viewer {
  userId: string;
  organisationId: string;
  email: string;
  displayName: string;
  orgRole: import('../database/entities.js').OrgRole;
  sessionId: string;
}

export interface RequestContext {
  req: import('fastify').FastifyRequest;
  res: import('fastify').FastifyReply;
  viewer: Viewer | null;
  /** Set when the request named a session that ended by going unused: the sentence to answer with. */
  signedOut?: string;
  /** The session cookie is Secure on plain http too (COOKIE_SECURE; a deployment's default). */
  cookieSecure?: boolean;
}
