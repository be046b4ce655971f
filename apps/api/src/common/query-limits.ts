import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * What one GraphQL request may ask for, checked before anything runs (no resolver, no SQL).
 * The dashboard's own operations stay well inside these (a test checks every one of them);
 * they bound what a hand-written request can make the server do.
 */
export const QUERY_LIMITS = {
  /** Lexical tokens in the document (graphql-js stops parsing past this). */
  maxTokens: 2000,
  /** Nesting of selections (fragments counted where they are spread). */
  maxDepth: 12,
  /** Aliased fields in the operation. */
  maxAliases: 15,
  /** Directives in the operation. */
  maxDirectives: 20,
  /**
   * Cost: every field costs 1; a field with `first` costs 1 plus `first` times what each item
   * selects, so 100 cases with a timeline each cost about 100 times one case. Every field of
   * a case on the largest page (100) costs about 17,000 and passes; the dashboard's heaviest
   * operation (its pipeline at 100) costs 2,801.
   */
  maxCost: 20000,
} as const;

const TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

export function tooComplex(detail: string): GraphQLError {
  return new GraphQLError(
    `This request asks for too much at once (${detail}). Ask for fewer fields or fewer items (a smaller "first"), or split it into several requests.`,
    { extensions: { code: TOO_COMPLEX, http: { status: 400 } } },
  );
}

/** Armor's message without its "Syntax Error:" prefix, as the detail of our sentence. */
const detailOf = (error: GraphQLError): string => error.message.replace(/^Syntax Error:\s*/, '').replace(/\.$/, '');

const report = (ctx: ValidationContext | null, error: GraphQLError): void => {
  ctx?.reportError(tooComplex(detailOf(error)));
};

const armor = new ApolloArmor({
  // Introspection is public here, and "Did you mean" helps whoever writes a query.
  blockFieldSuggestion: { enabled: false },
  // Tokens are counted by graphql-js's parser (parseOptions.maxTokens), costs below.
  maxTokens: { enabled: false },
  costLimit: { enabled: false },
  maxAliases: { n: QUERY_LIMITS.maxAliases, propagateOnRejection: false, onReject: [report] },
  maxDepth: { n: QUERY_LIMITS.maxDepth, propagateOnRejection: false, onReject: [report] },
  maxDirectives: { n: QUERY_LIMITS.maxDirectives, propagateOnRejection: false, onReject: [report] },
});

/** The validation rules that enforce depth, aliases and directives (graphql-armor). */
export const limitRules: readonly ValidationRule[] = armor.protect().validationRules;

/** Parse options for every request: graphql-js aborts parsing past the token limit. */
export const limitParseOptions = { maxTokens: QUERY_LIMITS.maxTokens } as const;

/** A list field's cost is its `first` times what each item costs. */
const firstEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = args.first;
  if (typeof first !== 'number') return undefined;
  return 1 + Math.max(first, 1) * childComplexity;
};

export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [firstEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** The cost problem of an operation, as a QUERY_TOO_COMPLEX error, or null. */
export function costProblem(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown>, operationName?: string): GraphQLError | null {
  let cost: number;
  try {
    cost = queryCost(schema, document, variables ?? {}, operationName);
  } catch (error) {
    // Variables that do not fit the operation: execution refuses them (BAD_USER_INPUT) before
    // any resolver runs, so there is nothing to limit.
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  return cost > QUERY_LIMITS.maxCost ? tooComplex(`its cost is ${cost}, the limit is ${QUERY_LIMITS.maxCost}`) : null;
}

/** graphql-js's message when the token limit stops the parser. */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:at|an) \d+ tokens/;

/** A parse error that is the token limit, as QUERY_TOO_COMPLEX; other errors stay as they are. */
export function isTokenLimit(message: string): boolean {
  return TOKEN_LIMIT.test(message);
}

export const TOKEN_LIMIT_DETAIL = `more than ${QUERY_LIMITS.maxTokens} tokens`;

/**
 * Every limit, as the errors a request would be refused with (empty when it passes): the
 * token limit, the schema's validation with the armor rules, then the cost with its variables,
 * in the order the server checks them. The dashboard's test checks its operations with it.
 */
export function limitErrors(schema: GraphQLSchema, source: string | DocumentNode, variables?: Record<string, unknown>, operationName?: string): GraphQLError[] {
  let document: DocumentNode;
  if (typeof source === 'string') {
    try {
      document = parse(source, limitParseOptions);
    } catch (error) {
      if (error instanceof GraphQLError && isTokenLimit(error.message)) return [tooComplex(TOKEN_LIMIT_DETAIL)];
      throw error;
    }
  } else {
    document = source;
  }
  const errors = validate(schema, document, [...specifiedRules, ...limitRules]);
  if (errors.length) return [...errors];
  const cost = costProblem(schema, document, variables, operationName);
  return cost ? [cost] : [];
}

/**
 * The Apollo plugin that refuses an operation over the cost limit once its variables are
 * known (after validation, before execution).
 */
export function costLimitPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const problem = costProblem(schema, document, request.variables, operationName ?? undefined);
          if (problem) throw problem;
        },
      };
    },
  };
}
