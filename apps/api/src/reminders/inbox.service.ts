import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../common/errors.js';
import type { InboxItemModel } from './inbox.model.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = `id, case_id AS "caseId", deadline_id AS "deadlineId", kind, title, due_at AS "dueAt", created_at AS "createdAt", read_at AS "readAt"`;

/** The viewer's own inbox; another person's item is NOT_FOUND, like one that does not exist. */
@Injectable()
export class InboxService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async list(viewer: Viewer): Promise<InboxItemModel[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM inbox_items WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT 200`, [viewer.userId]);
  }

  async markRead(viewer: Viewer, id: string): Promise<InboxItemModel> {
    if (!UUID.test(id)) throw notFound('inbox item');
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [rows]: [InboxItemModel[], number] = await this.db.query(
      `UPDATE inbox_items SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
      [id, viewer.userId],
    );
    const item = rows[0];
    if (!item) throw notFound('inbox item');
    return item;
  }
}
