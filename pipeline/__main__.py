"""``python -m pipeline``: the same program as the ``namndplan`` command.

For a machine where the venv's ``Scripts``/``bin`` folder is not on PATH (``py -m pipeline``
on Windows). click names the program ``python -m pipeline`` in its help.
"""

from pipeline.cli.main import run

if __name__ == "__main__":  # importing the module (as tools and multiprocessing may) runs nothing
    run()
