/**
 * Who sees what, per organisation (domain/access.ts), one rule per test, each with the refusal: the same
 * question asked by another organisation.
 */
import { actorFor } from '../../api/auth/actor';
import type { Principal } from '../../api/auth/principal';
import { HttpError } from '../../api/errors';
import {
  contractCommissioners,
  type Holding,
  isCommissionerOf,
  maySeeContract,
  maySeeTask,
  maySeeTender,
  overviewOrganisations,
  readingOrganisations,
  roleToActAs,
} from '../../domain/access';

const zaanstadManager: Holding[] = [{ role: 'contractManager', organisation: 'Gemeente Zaanstad' }];
const purmerendManager: Holding[] = [{ role: 'contractManager', organisation: 'Gemeente Purmerend' }];
const dock: Holding[] = [{ role: 'contractContact', organisation: 'DOCK' }];
const smd: Holding[] = [{ role: 'contractContact', organisation: 'SMD' }];
const rigg: Holding[] = [{ role: 'procurementOfficer', organisation: 'RIGG' }];
const zaanstadAdministrator: Holding[] = [{ role: 'administrator', organisation: 'Gemeente Zaanstad' }];

const riggCommissioners = [{ organisation: 'RIGG', actsFor: ['Gemeente Zaanstad', 'Gemeente Wormerland'] }];
const zaanstadContract = { provider: 'DOCK', commissioners: ['Gemeente Zaanstad'] };
const riggContract = { provider: 'SMD', commissioners: contractCommissioners(riggCommissioners) };
const zaanstadTender = { leadOrganisation: 'Gemeente Zaanstad', commissioners: [{ organisation: 'Gemeente Zaanstad' }] };
const riggTender = { leadOrganisation: 'RIGG', commissioners: riggCommissioners };

describe('contractCommissioners', () => {
  it('lists each commissioner and the municipalities a purchasing body acts for, once', () => {
    expect(contractCommissioners([...riggCommissioners, { organisation: 'Gemeente Zaanstad' }])).toEqual(['RIGG', 'Gemeente Zaanstad', 'Gemeente Wormerland']);
  });
});

describe('a provider', () => {
  it('sees its own contracts, not another provider’s', () => {
    expect(maySeeContract(dock, zaanstadContract)).toBe(true);
    expect(maySeeContract(smd, zaanstadContract)).toBe(false);
  });

  it('is not a commissioner of its own contract', () => {
    expect(isCommissionerOf(dock, zaanstadContract)).toBe(false);
    expect(isCommissionerOf(zaanstadManager, zaanstadContract)).toBe(true);
  });

  it('sees no tender, not even one it bid on', () => {
    expect(maySeeTender(dock, zaanstadTender)).toBe(false);
  });

  it('sees its own tasks, not the commissioner’s tasks on its contract', () => {
    expect(maySeeTask(dock, { organisation: 'DOCK', contract: zaanstadContract })).toBe(true);
    expect(maySeeTask(dock, { organisation: 'Gemeente Zaanstad', contract: zaanstadContract })).toBe(false);
    expect(maySeeTask(smd, { organisation: 'DOCK', contract: zaanstadContract })).toBe(false);
  });
});

describe('a commissioner', () => {
  it('sees the contracts made for it, not another municipality’s', () => {
    expect(maySeeContract(zaanstadManager, zaanstadContract)).toBe(true);
    expect(maySeeContract(purmerendManager, zaanstadContract)).toBe(false);
  });

  it('sees the tenders it leads or commissions, not others', () => {
    expect(maySeeTender(zaanstadManager, zaanstadTender)).toBe(true);
    expect(maySeeTender(purmerendManager, zaanstadTender)).toBe(false);
  });

  it('sees every task on its contracts and tenders, the provider’s too', () => {
    expect(maySeeTask(zaanstadManager, { organisation: 'DOCK', contract: zaanstadContract })).toBe(true);
    expect(maySeeTask(zaanstadManager, { organisation: 'Gemeente Zaanstad', tender: zaanstadTender })).toBe(true);
    expect(maySeeTask(purmerendManager, { organisation: 'DOCK', contract: zaanstadContract })).toBe(false);
    expect(maySeeTask(purmerendManager, { organisation: 'Gemeente Zaanstad', tender: zaanstadTender })).toBe(false);
  });
});

describe('a purchasing body and the municipalities it acts for', () => {
  it('the purchasing body sees the contracts and tenders it made', () => {
    expect(maySeeContract(rigg, riggContract)).toBe(true);
    expect(maySeeTender(rigg, riggTender)).toBe(true);
  });

  it('each municipality it acts for sees its share; one it does not act for sees nothing', () => {
    expect(maySeeContract(zaanstadManager, riggContract)).toBe(true);
    expect(maySeeTender(zaanstadManager, riggTender)).toBe(true);
    expect(maySeeContract(purmerendManager, riggContract)).toBe(false);
    expect(maySeeTender(purmerendManager, riggTender)).toBe(false);
  });
});

describe('the administrator role', () => {
  it('keeps the directory but sees no contract, tender or task', () => {
    expect(readingOrganisations(zaanstadAdministrator)).toEqual([]);
    expect(maySeeContract(zaanstadAdministrator, zaanstadContract)).toBe(false);
    expect(maySeeTender(zaanstadAdministrator, zaanstadTender)).toBe(false);
    expect(maySeeTask(zaanstadAdministrator, { organisation: 'Gemeente Zaanstad', tender: zaanstadTender })).toBe(false);
  });
});

describe('overviews', () => {
  it('are open to contract managers and managers, per organisation; not to procurement officers or providers', () => {
    expect(overviewOrganisations([...zaanstadManager, { role: 'manager', organisation: 'Gemeente Purmerend' }, ...rigg])).toEqual(['Gemeente Zaanstad', 'Gemeente Purmerend']);
    expect(overviewOrganisations([...rigg, ...dock])).toEqual([]);
  });
});

describe('roleToActAs', () => {
  it('picks the first allowed role held within that organisation', () => {
    const holdings: Holding[] = [
      { role: 'manager', organisation: 'Gemeente Zaanstad' },
      { role: 'procurementOfficer', organisation: 'Gemeente Zaanstad' },
    ];
    expect(roleToActAs(holdings, 'Gemeente Zaanstad', ['procurementOfficer', 'manager'])).toBe('procurementOfficer');
    expect(roleToActAs(holdings, 'Gemeente Zaanstad', ['manager', 'procurementOfficer'])).toBe('manager');
  });

  it('finds none for a role held in another organisation, or another role', () => {
    expect(roleToActAs(zaanstadManager, 'Gemeente Purmerend', ['contractManager'])).toBeUndefined();
    expect(roleToActAs(zaanstadManager, 'Gemeente Zaanstad', ['college', 'manager'])).toBeUndefined();
  });
});

describe('actorFor (api/auth/actor.ts)', () => {
  const person: Principal = {
    kind: 'person',
    id: 'p-1',
    label: 'c.manager@zaanstad.example',
    name: 'C. Manager',
    email: 'c.manager@zaanstad.example',
    locale: 'nl',
    holdings: [...zaanstadManager, { role: 'contractContact', organisation: 'DOCK' }],
  };

  it('acts as the role held in that organisation, with the name and the principal for the audit trail', () => {
    expect(actorFor(person, 'Gemeente Zaanstad', ['contractManager', 'manager'])).toEqual({
      role: 'contractManager',
      organisation: 'Gemeente Zaanstad',
      name: 'C. Manager',
      principal: 'c.manager@zaanstad.example',
    });
  });

  it('refuses with 403 naming the roles needed, never borrowing a role held in another organisation', () => {
    const refusal = (() => {
      try {
        actorFor(person, 'Gemeente Purmerend', ['contractManager', 'manager']);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(HttpError);
    expect(refusal).toMatchObject({ statusCode: 403, message: 'Needs the role contractManager or manager in Gemeente Purmerend' });
    expect(() => actorFor(person, 'DOCK', ['director'])).toThrow('Needs the role director in DOCK');
  });
});
