// Exits 0 when something accepts a TCP connection at the host:port of the URL given (default port
// 5432), within 3 seconds; 1 otherwise. Used to decide whether PostgreSQL tests can run.
import net from 'node:net';

const url = new URL(process.argv[2]);
const socket = net.connect({ host: url.hostname || '127.0.0.1', port: Number(url.port || 5432) });
socket.setTimeout(3000);
socket.on('connect', () => { socket.end(); process.exit(0); });
socket.on('timeout', () => process.exit(1));
socket.on('error', () => process.exit(1));
