#!/usr/bin/env python3
"""A TCP link with a delay each way, for bench/latency.sh: listens on
127.0.0.1:LISTEN and forwards to HOST:PORT, each chunk held DELAY_MS before
it goes on (so a request and its answer take twice that), in order.

    python3 bench/slowlink.py LISTEN HOST PORT DELAY_MS
"""
import asyncio
import sys


async def pipe(reader, writer, delay):
    queue = asyncio.Queue()
    loop = asyncio.get_running_loop()

    async def send():
        while True:
            due, data = await queue.get()
            if data is None:
                break
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        writer.close()

    sender = asyncio.create_task(send())
    while True:
        data = await reader.read(65536)
        queue.put_nowait((loop.time() + delay, data or None))
        if not data:
            break
    await sender


async def main():
    listen, host, port, delay = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4]) / 1000

    async def client(r, w):
        sr, sw = await asyncio.open_connection(host, port)
        await asyncio.gather(pipe(r, sw, delay), pipe(sr, w, delay))

    server = await asyncio.start_server(client, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()


asyncio.run(main())
