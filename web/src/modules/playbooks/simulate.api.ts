import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { SimulationInput, SimulationProgress as SimulationProgressLine, SimulationResult } from '../../../../src/modules/playbooks/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiStream, type StreamLine } from '../../api.ts';

/** What a simulation answers, as the server types it. */
export type Simulation = Jsonified<SimulationResult>;
export type ProgramResult = Simulation['current'];
export type ForgottenCustomer = ProgramResult['forgotten'][number];
export type SimulationRequest = Partial<SimulationInput>;

/** How far the server's replay is: the week it finished of the program it replays. */
export type SimulationProgress = Jsonified<SimulationProgressLine>;

const isProgress = (line: StreamLine): line is StreamLine & SimulationProgress => line.type === 'progress';

/**
 * Replays the period in the server's sandbox: nothing is saved, so it is a mutation only in HTTP
 * terms. The answer streams a line per simulated week, shown as `progress` while it runs.
 */
export function useRunSimulation() {
  const [progress, setProgress] = useState<SimulationProgress | null>(null);
  const mutation = useMutation<Simulation, Error, SimulationRequest>({
    mutationFn: (body) => {
      setProgress(null);
      return apiStream<Simulation>('/api/v1/playbooks/simulations?format=ndjson', {
        method: 'POST',
        body,
        onLine: (line) => {
          if (isProgress(line)) setProgress({ program: line.program, week: line.week, weeks: line.weeks });
        },
      });
    },
  });
  return { ...mutation, progress };
}
