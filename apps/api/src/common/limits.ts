/** The largest request body accepted (Fastify's default): a GraphQL request is far smaller. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
