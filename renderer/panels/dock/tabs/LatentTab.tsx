import { useState } from 'react';
import type { Inspection } from '../../../../shared/protocol/runs';
import { LatentScatter } from '../../../charts/LatentScatter';

/** The map of each latent's posterior means over held-out data, one latent at a time. */
export function LatentTab({ inspection }: { readonly inspection: Inspection }) {
  const [latentIndex, setLatentIndex] = useState(0);
  const maps = inspection.latentMaps ?? [];
  const index = Math.min(latentIndex, maps.length - 1);
  const map = maps[index];
  if (!map) return null;
  return (
    <div className="dock__latent">
      {maps.length > 1 ? (
        <label className="dock__latent-pick">
          Latent{' '}
          <select className="input input--select" value={index} onChange={(e) => setLatentIndex(Number(e.currentTarget.value))}>
            {maps.map((m, i) => (
              <option key={m.latent} value={i}>
                {m.latent}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <LatentScatter map={map} step={inspection.step} />
    </div>
  );
}
