/** The messages a contract term workflow answers: shared by the workflow, the API and tests. */
import { defineQuery } from '@temporalio/workflow';
import type { IsoDate } from '../domain/dates';
import type { Stakeholder } from '../domain/schemas/actor';
import type { Commissioner, ContractTerms, Lot } from '../domain/schemas/tender-launch';

export function contractWorkflowId(contractId: string): string {
  return `contract-${contractId}`;
}

export interface ContractTermInput {
  contractId: string;
  tenderId?: string;
  title: string;
  lot: Lot;
  commissioners: Commissioner[];
  provider: { organisation: string; email: string };
  valueCents: number;
  startDate: IsoDate;
  terms: ContractTerms & { midtermReviewAfterMonths: number };
  stakeholders: Stakeholder[];
}

export interface ContractTermState {
  contractId: string;
  status: 'awarded' | 'active' | 'ended';
  startDate: IsoDate;
  endDate: IsoDate;
}

export const contractStateQuery = defineQuery<ContractTermState>('contractState');
