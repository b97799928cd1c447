"""Prints what `python` would give it, then exits with the code it is told.
Usage: exit_code.py CODE [args...]"""
import os
import sys

print("argv", sys.argv)
print("path0", sys.path[0])
print("cwd", os.getcwd())
sys.exit(int(sys.argv[1]))
