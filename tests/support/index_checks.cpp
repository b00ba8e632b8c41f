#include "tests/support/index_checks.hpp"

#include <sys/stat.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

#include "common/schema.hpp"
#include "indexer/post_parser.hpp"
#include "tests/support/child_process.hpp"

namespace idx::test {
namespace fs = std::filesystem;

std::vector<std::string> list_post_files(const std::string& root) {
    std::vector<std::string> out;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        const std::string name = it->path().filename().string();
        if (name.front() == '.') {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && !it->is_symlink() && indexer::is_post_extension(name))
            out.push_back(fs::canonical(it->path()).string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<SourceRecord> indexed_sources(const std::string& db_path) {
    const Xapian::Database db(db_path);
    std::vector<SourceRecord> out;
    for (auto it = db.valuestream_begin(schema::slot::source); it != db.valuestream_end(schema::slot::source); ++it) {
        auto source = decode_source(*it);
        out.push_back(source ? std::move(*source) : SourceRecord{"(undecodable source value)", 0, 0, {}});
    }
    return out;
}

std::string convergence_problems(const std::string& db_path, const std::vector<std::string>& expected) {
    std::vector<std::string> problems;
    std::size_t documents = 0;
    std::vector<SourceRecord> sources;
    try {
        documents = Xapian::Database(db_path).get_doccount();
        sources = indexed_sources(db_path);
    } catch (const Xapian::Error& e) {
        return "cannot read the index: " + e.get_description();
    }
    if (documents != expected.size())
        problems.push_back(std::to_string(documents) + " documents for " + std::to_string(expected.size()) +
                           " post files");
    if (sources.size() != documents)
        problems.push_back(std::to_string(documents - sources.size()) + " documents have no source value");
    std::map<std::string, const SourceRecord*> by_path;
    for (const SourceRecord& source : sources) {
        if (!by_path.emplace(source.path, &source).second) problems.push_back(source.path + " is indexed twice");
    }
    for (const std::string& path : expected) {
        const auto it = by_path.find(path);
        if (it == by_path.end()) {
            problems.push_back(path + " is not indexed");
            continue;
        }
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) {
            problems.push_back(path + " is expected but gone from disk");
        } else if (it->second->size != static_cast<std::uint64_t>(st.st_size) ||
                   it->second->mtime_ns != st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec) {
            problems.push_back(path + " is indexed with an older size or mtime");
        }
        by_path.erase(it);
    }
    for (const auto& [path, source] : by_path) problems.push_back(path + " is indexed but not expected");
    if (problems.empty()) return {};
    std::string out = std::to_string(problems.size()) + " problems:";
    for (std::size_t i = 0; i < problems.size() && i < 6; ++i) out += "\n  " + problems[i];
    return out;
}

std::string xapian_check_problems(const std::string& db) {
    Command command;
    command.argv = {"/usr/bin/xapian-check", db};
    const Exit check = run(command);
    if (check.exited(0) && check.out.find("No errors found") != std::string::npos) return {};
    return "xapian-check " + db + ": " + check.describe() + "\n" + check.out.substr(0, 4000);
}

std::string search_problems(const std::string& idx_binary, const std::string& db, const std::string& word,
                            const std::string& expected_path) {
    const Exit search = run(idx_command(idx_binary, {"search", "--db", db, "--json", "--", word}));
    if (!search.exited(0)) return "idx search " + word + ": " + search.describe();
    if (!is_valid_json(search.out)) return "idx search " + word + ": not valid JSON: " + search.out.substr(0, 500);
    if (expected_path.empty()) return {};
    const nlohmann::json answer = nlohmann::json::parse(search.out);
    for (const nlohmann::json& hit : answer["results"]) {
        if (hit["path"] == expected_path) return {};
    }
    return "idx search " + word + " does not list " + expected_path + ": " + search.out.substr(0, 500);
}

bool is_valid_json(const std::string& text) {
    return nlohmann::json::accept(text);  // false for ill-formed UTF-8 in strings, too
}

}  // namespace idx::test
