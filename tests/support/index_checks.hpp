#pragma once
// What the reliability tests check of an index after a run: it holds each
// post once and up to date, Xapian finds no fault in it, idx can search it.

#include <string>
#include <vector>

#include "common/records.hpp"

namespace idx::test {

// Canonical paths of the post files (by extension) under `root`, sorted.
std::vector<std::string> list_post_files(const std::string& root);

// What the index at `db` holds: one source record per document.
std::vector<SourceRecord> indexed_sources(const std::string& db);

// Empty when the index holds exactly one document per path in `expected`
// and no other, each recording the file's current size and mtime (so none
// is stale); otherwise what is wrong, a few lines at most.
std::string convergence_problems(const std::string& db, const std::vector<std::string>& expected);

// Empty when `xapian-check DB` finds no errors; otherwise its output.
std::string xapian_check_problems(const std::string& db);

// Empty when `idx search --json WORD` exits 0 with valid JSON listing
// `expected_path` (when given); otherwise what went wrong.
std::string search_problems(const std::string& idx_binary, const std::string& db, const std::string& word,
                            const std::string& expected_path = {});

// True when the JSON text parses and every string in it is valid UTF-8.
bool is_valid_json(const std::string& text);

}  // namespace idx::test
