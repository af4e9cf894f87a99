// Waits until URL answers 2xx, for at most SECONDS. Usage: node wait-http.mjs URL SECONDS
const [url, seconds = '30'] = process.argv.slice(2);
const deadline = Date.now() + Number(seconds) * 1000;
while (Date.now() < deadline) {
  try {
    const response = await fetch(url);
    if (response.ok) process.exit(0);
  } catch {
    // not up yet
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
console.error(`wait-http: ${url} did not answer within ${seconds}s`);
process.exit(1);
