"""Test-wide set-up: this directory is on sys.path (pytest's prepend import mode loads this file
first), so shared helpers such as reader_support import from any test folder."""
