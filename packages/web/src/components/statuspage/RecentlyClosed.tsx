import { formatMoment } from '../../schedule-layout';
import { useViewerZone } from '../../session';
import { PUBLIC_STATUS_LABELS } from '../../statuspage-format';
import { Disclosure } from '../Disclosure';
import { IncidentDetails, type IncidentProps } from './IncidentCard';

/** Closed incidents and maintenance, newest first: found here to correct a title or time, or to remove one. */
export function RecentlyClosed({ items, ...rest }: Omit<IncidentProps, 'incident'> & { items: IncidentProps['incident'][] }) {
  const zone = useViewerZone();
  return (
    <ul className="plain-list sp-closed" aria-label="Recently closed">
      {items.map((i) => (
        <li key={i.id}>
          <Disclosure level={3} title={i.name} meta={<span className="muted">{`${i.kind === 'maintenance' ? 'Maintenance · ' : ''}${PUBLIC_STATUS_LABELS[i.status]} ${formatMoment(i.resolvedAt ?? i.updatedAt, zone)}`}</span>}>
            <IncidentDetails incident={i} {...rest} />
          </Disclosure>
        </li>
      ))}
    </ul>
  );
}
