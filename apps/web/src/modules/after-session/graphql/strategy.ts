import { gql } from 'urql';
import type { SideStrategyView } from '../../cases/graphql/case';

/** The viewer's side's strategy checklist, asked apart from the case (side-private, like the workspace). */
export const MyStrategyQuery = gql<{ case: { id: string; myStrategy: SideStrategyView | null } }, { id: string; sideId: string | null }>`
  query MyStrategy($id: ID!, $sideId: ID) {
    case(id: $id) {
      id
      myStrategy(sideId: $sideId) {
        sideId
        path
        done
        total
        items {
          id
          label
          kind
          done
          doneAt
        }
      }
    }
  }
`;

/** Ticks an item of one's own side's strategy: nothing goes on the timeline, nobody else is told. */
export const SetStrategyItemDoneMutation = gql<
  { setPlaybookItemDone: { id: string } },
  { caseId: string; itemId: string; done: boolean; sideId: string | null }
>`
  mutation SetStrategyItemDone($caseId: ID!, $itemId: String!, $done: Boolean!, $sideId: ID) {
    setPlaybookItemDone(caseId: $caseId, itemId: $itemId, done: $done, sideId: $sideId) {
      id
    }
  }
`;
