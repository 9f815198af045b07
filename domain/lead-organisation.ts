/** Which organisation leads a tender and owns its tasks. */
import type { Commissioner } from './schemas/tender-launch';

/** Tasks of the tender are owned by the purchasing body when there is one, else by the first commissioner. */
export function leadOrganisation(commissioners: readonly Commissioner[]): string {
  return (commissioners.find((c) => c.kind === 'purchasingBody') ?? commissioners[0])!.organisation;
}
