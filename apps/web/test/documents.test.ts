import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, print, validate, type DocumentNode } from 'graphql';
import * as auth from '../src/modules/auth/graphql/auth';
import * as cases from '../src/modules/cases/graphql/case';
import * as records from '../src/modules/cases/graphql/records';
import * as confidential from '../src/modules/confidential/graphql/confidential';
import * as invitation from '../src/modules/invitations/graphql/invitation';
import * as deadlines from '../src/modules/deadlines/graphql/deadlines';
import * as inbox from '../src/modules/inbox/graphql/inbox';

const schema = buildSchema(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'api', 'schema.gql'), 'utf8'));

const documents = Object.entries({ ...auth, ...cases, ...records, ...confidential, ...invitation, ...deadlines, ...inbox }).filter(
  (entry): entry is [string, DocumentNode] => (entry[1] as { kind?: unknown } | null)?.kind === 'Document',
);
const operations = documents.filter(([, doc]) => doc.definitions.some((d) => d.kind === 'OperationDefinition'));

// The result types are written by hand beside the documents; this keeps the documents
// themselves true to the api's schema.gql: a renamed field, a changed argument or a missing
// subscription fails here rather than in the browser.
describe('the web’s GraphQL documents', () => {
  it('are all found', () => {
    expect(operations.map(([name]) => name).sort()).toEqual(
      [
        'AcceptInvitationMutation',
        'AddDeadlineMutation',
        'AddMediatorNoteMutation',
        'AddWorkspaceItemMutation',
        'CourtReportQuery',
        'DeleteMediatorNoteMutation',
        'DeleteWorkspaceItemMutation',
        'InvitationQuery',
        'InviteToCaseMutation',
        'MediatorNotesQuery',
        'MyDeadlinesQuery',
        'InboxQuery',
        'MarkInboxItemReadMutation',
        'CalendarFeedQuery',
        'CreateCalendarFeedMutation',
        'RevokeCalendarFeedMutation',
        'MyWorkspaceQuery',
        'ShareWorkspaceItemMutation',
        'SharedWithMediatorQuery',
        'UpdateMediatorNoteMutation',
        'UpdateWorkspaceItemMutation',
        'CaseChangedSubscription',
        'CaseQuery',
        'CasesQuery',
        'MeQuery',
        'PipelineChangedSubscription',
        'RecordAttendanceMutation',
        'ScheduleSessionMutation',
        'SetAgreementTermsMutation',
        'SetPlaybookItemDoneMutation',
        'SignAgreementMutation',
        'SignInMutation',
        'SignOutMutation',
        'TransitionCaseMutation',
        'UpdateDeadlineMutation',
        'UpdateIssueMutation',
        'UpdateSessionMutation',
      ].sort(),
    );
  });

  it.each(operations)('%s validates against the api’s schema.gql', (_name, document) => {
    const errors = validate(schema, document).map((e) => e.message);
    expect({ errors, document: errors.length ? print(document) : '' }).toEqual({ errors: [], document: '' });
  });
});
