export interface Image {
  id: string;
  name: string;
  os?: string;
  min_disk_gb?: number;
  [extra: string]: unknown;
}

export interface Plan {
  id: string;
  name: string;
  cpu_cores: number;
  memory_mb: number;
  disk_gb: number;
}
