import { memo, useCallback, type MouseEvent } from 'react';
import { useHref, useNavigate } from 'react-router';
import { formatCpu, formatDisk, formatMemory } from '@/lib/format';
import { isTransitional, type Server } from '../api/types';
import classes from './ServerList.module.css';
import { Spinner, StatusBadge } from './StatusBadge';

/** Badge, spinner and current step as inline content of the cell (few elements per row). */
function StatusCell({ server }: { server: Server }) {
  const moving = isTransitional(server.status);
  return (
    <>
      <StatusBadge status={server.status} />
      {moving && <Spinner />}
      {moving && server.status_detail && <span className={classes.detail}>{server.status_detail}</span>}
    </>
  );
}

const ServerRow = memo(function ServerRow({ server, base }: { server: Server; base: string }) {
  return (
    <tr data-server-id={server.id}>
      <th scope="row">
        <a className={classes.link} href={`${base}servers/${server.id}`}>
          {server.name}
        </a>
      </th>
      <td>{server.image?.name ?? '—'}</td>
      <td>{formatCpu(server.cpu_cores)}</td>
      <td>{formatMemory(server.memory_mb)}</td>
      <td>{formatDisk(server.disk_gb)}</td>
      <td className={classes.mono}>{server.ip_address ?? '—'}</td>
      <td className={classes.status}>
        <StatusCell server={server} />
      </td>
    </tr>
  );
});

/**
 * Links in the list are plain <a href> (one react-router <Link> per row costs several hooks
 * each); a single handler on the list turns ordinary clicks into client-side navigation, while
 * modified clicks (new tab, new window) keep the browser's behaviour.
 */
function useListNavigation() {
  const navigate = useNavigate();
  const base = useHref('/');
  const onClick = useCallback(
    (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as HTMLElement).closest('a');
      if (!link || link.target || link.hasAttribute('download') || link.origin !== window.location.origin) return;
      event.preventDefault();
      const relative = link.pathname.startsWith(base) ? `/${link.pathname.slice(base.length)}` : link.pathname;
      navigate(relative + link.search + link.hash);
    },
    [navigate, base],
  );
  return { onClick, base: base.endsWith('/') ? base : `${base}/` };
}

export function ServerTable({ servers }: { servers: Server[] }) {
  const { onClick, base } = useListNavigation();
  return (
    <div className={classes.scroll} onClick={onClick}>
      <table className={classes.table} aria-label="Servers">
        <colgroup>
          <col className={classes.name} />
          <col className={classes.image} />
          <col className={classes.num} />
          <col className={classes.num} />
          <col className={classes.num} />
          <col className={classes.ip} />
          <col className={classes.status} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Image</th>
            <th scope="col">CPU</th>
            <th scope="col">RAM</th>
            <th scope="col">Disk</th>
            <th scope="col">IP address</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {servers.map((server) => (
            <ServerRow key={server.id} server={server} base={base} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const ServerCard = memo(function ServerCard({ server, base }: { server: Server; base: string }) {
  return (
    <li className={classes.card} data-server-id={server.id}>
      <div className={classes.cardHead}>
        <a className={classes.link} href={`${base}servers/${server.id}`}>
          {server.name}
        </a>
        <div className={classes.status}>
          <StatusCell server={server} />
        </div>
      </div>
      <p className={classes.muted}>{server.image?.name ?? '—'}</p>
      <p>
        {formatCpu(server.cpu_cores)} · {formatMemory(server.memory_mb)} RAM · {formatDisk(server.disk_gb)} disk
      </p>
      <p className={classes.mono}>{server.ip_address ?? 'No IP address yet'}</p>
    </li>
  );
});

/** The same list for narrow screens: one card per server instead of a wide table. */
export function ServerCards({ servers }: { servers: Server[] }) {
  const { onClick, base } = useListNavigation();
  return (
    <ul className={classes.cards} aria-label="Servers" onClick={onClick}>
      {servers.map((server) => (
        <ServerCard key={server.id} server={server} base={base} />
      ))}
    </ul>
  );
}
