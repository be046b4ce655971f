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
}
