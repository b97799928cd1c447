"""A Listener in the main process and a Client in a child, then
multiprocessing.connection.wait() over the read ends of three Pipes, each fed by a child:
first a wait that must wait (the children hold their squares until `go`), then the loop.
Usage: listener_client.py [START_METHOD] [unix|tcp]"""
import multiprocessing as mp
import sys
from multiprocessing.connection import Client, Listener, wait


def client(address, authkey):
    with Client(address, authkey=authkey) as conn:
        conn.send("ping")
        print("client got", conn.recv(), flush=True)


def square(writer, number, go):
    go.wait()
    writer.send(number * number)
    writer.close()


if __name__ == "__main__":
    ctx = mp.get_context(sys.argv[1] if len(sys.argv) > 1 else "spawn")
    tcp = len(sys.argv) > 2 and sys.argv[2] == "tcp"
    address, family = (("127.0.0.1", 0), "AF_INET") if tcp else (None, "AF_UNIX")
    with Listener(address, family=family, authkey=b"secret") as listener:
        caller = ctx.Process(target=client, args=(listener.address, b"secret"))
        caller.start()
        with listener.accept() as conn:
            print("server got", conn.recv(), flush=True)
            conn.send("pong")
        caller.join()

    readers, children = [], []
    go = ctx.Event()
    for number in range(3):
        reader, writer = ctx.Pipe(duplex=False)
        child = ctx.Process(target=square, args=(writer, number, go))
        child.start()
        writer.close()
        readers.append(reader)
        children.append(child)
    assert wait(readers, timeout=0.05) == []      # nothing comes before go
    go.set()
    squares = []
    while readers:
        for ready in wait(readers):
            try:
                squares.append(ready.recv())
            except EOFError:
                readers.remove(ready)
    for child in children:
        child.join()
    print(sorted(squares), flush=True)
