# Two commands do all set-up on a fresh machine with Python 3.11+:
#   make run    extract samples/ into output/
#   make test   run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test bench clean

$(BIN)/press-extract: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(BIN)/press-extract
	$(BIN)/press-extract run samples/ --out output/

test: $(BIN)/press-extract
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) output/*.jsonl output/*.json output/records output/state.* .pytest_cache
