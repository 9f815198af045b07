/**
 * Open tasks whose role nobody holds today (the role directory), on the contracts and tenders of the
 * principal's organisations, for their contract managers and managers: their reminders reach nobody until
 * the organisation's administrator assigns the role. The API (`GET /overview/unowned`) and the overview page.
 */
import { unownedTasksQuery, type UnownedTaskRow } from '../../db/unowned-tasks';
import { directoryDay } from '../../domain/directory';
import { roleLabels } from '../../domain/glossary';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { commissionedBySql } from './overview-queries';
import { overviewScope } from './overview-scope';
import { roleSchema } from '../../domain/schemas/glossary';

export async function unownedOverview({ prisma }: ApiDeps, principal: Principal, { limit }: { limit: number }) {
  const organisations = overviewScope(principal);
  const today = directoryDay(new Date());
  const rows = await prisma.$queryRaw<UnownedTaskRow[]>(unownedTasksQuery(commissionedBySql(organisations), today, limit + 1));
  return {
    asOf: today,
    truncated: rows.length > limit,
    tasks: rows.slice(0, limit).map((row) => {
      const role = roleSchema.parse(row.role);
      return {
        id: row.id,
        workflowId: row.workflow_id,
        kind: row.kind,
        title: row.title,
        dueDate: row.due_date,
        overdue: row.due_date < today,
        owner: { role, roleLabel: roleLabels[role], organisation: row.organisation },
        commissioner: row.commissioner,
        provider: row.provider,
        contract: row.contract_id ? { id: row.contract_id, lotId: row.lot_id, lotTitle: row.lot_title } : null,
        tender: row.tender_id ? { id: row.tender_id, title: row.tender_title } : null,
      };
    }),
  };
}
