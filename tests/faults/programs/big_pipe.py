"""A 16 MB message over a Pipe, both ways: it arrives whole."""
import multiprocessing as mp
import sys

SIZE = 16 * 1024 * 1024


def echo(conn):
    conn.send(conn.recv()[::-1])


if __name__ == "__main__":
    mp.set_start_method(sys.argv[1])
    here, there = mp.Pipe()
    p = mp.Process(target=echo, args=(there,), name="echo")
    p.start()
    message = bytes(range(256)) * (SIZE // 256)
    here.send(message)
    back = here.recv()
    p.join()
    print(len(back), back == message[::-1])
