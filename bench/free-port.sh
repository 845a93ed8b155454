# Sourced by the bench scripts: free_port prints a random free loopback port (other checkouts'
# runtimes may sit on fixed ones) below the kernel's ephemeral range, so that no outgoing connection
# of the bench's own processes (to PostgreSQL, to the simulator) takes it before its server binds it.
free_port() {
  local p low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$low" -gt 20100 ] 2>/dev/null || low=32768
  while :; do
    p=$(shuf -i 20000-$((low - 1)) -n 1)
    (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }
  done
}
