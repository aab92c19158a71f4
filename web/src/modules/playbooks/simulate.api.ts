import { useMutation } from '@tanstack/react-query';
import type { SimulationInput, SimulationResult } from '../../../../src/modules/playbooks/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest } from '../../api.ts';

/** What a simulation answers, as the server types it. */
export type Simulation = Jsonified<SimulationResult>;
export type ProgramResult = Simulation['current'];
export type ForgottenCustomer = ProgramResult['forgotten'][number];
export type SimulationRequest = Partial<SimulationInput>;

/** Replays the period in the server's sandbox: nothing is saved, so it is a mutation only in HTTP terms. */
export function useRunSimulation() {
  return useMutation<Simulation, Error, SimulationRequest>({
    mutationFn: (body) => apiRequest<Simulation>('/api/v1/playbooks/simulations', { method: 'POST', body }),
  });
}
