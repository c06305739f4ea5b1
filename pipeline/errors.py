"""User-facing errors and their exit codes (DATA_CONTRACT.md §1).

0 success, 2 bad arguments, 3 bad input data, 1 anything else. The CLI prints the
message of these errors without a traceback.
"""


class AlmpError(Exception):
    exit_code = 1


class UsageError(AlmpError):
    exit_code = 2


class InputError(AlmpError):
    """Bad input data: names the file, the row and/or column, and the problem."""

    exit_code = 3

    def __init__(self, file, problem: str, row: int | None = None, column: str | None = None,
                 row_word: str = "row"):
        self.file, self.problem, self.row, self.column = str(file), problem, row, column
        where = [self.file]
        if row is not None:
            where.append(f"{row_word} {row}")
        if column is not None:
            where.append(f"column {column}")
        super().__init__(f"{', '.join(where)}: {problem}")
