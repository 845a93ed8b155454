/** 2048 → "2 GB", 512 → "512 MB". */
export function formatMemory(mb: number | null | undefined): string {
  if (mb == null) return '—';
  if (mb >= 1024 && mb % 1024 === 0) return `${mb / 1024} GB`;
  if (mb >= 1024) return `${(mb / 1024).toFixed(1)} GB`;
  return `${mb} MB`;
}

export function formatDisk(gb: number | null | undefined): string {
  return gb == null ? '—' : `${gb} GB`;
}

export function formatCpu(cores: number | null | undefined): string {
  if (cores == null) return '—';
  return cores === 1 ? '1 vCPU' : `${cores} vCPU`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** 75 → "1 min 15 s", 30 → "30 s". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}
