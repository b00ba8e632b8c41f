#include "tests/reliability/kill_trial.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/generated_posts.hpp"
#include "tests/support/index_checks.hpp"

namespace idx::test {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The post number of a generated post (`...-post-123.html`), if it is one.
std::optional<std::size_t> generated_number(const std::string& path) {
    const std::size_t at = path.rfind("-post-");
    if (at == std::string::npos || path.size() < 5 || path.substr(path.size() - 5) != ".html") return std::nullopt;
    const std::string digits = path.substr(at + 6, path.size() - 5 - at - 6);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return std::stoul(digits);
}

}  // namespace

const char* to_string(TrialKind kind) {
    switch (kind) {
        case TrialKind::fresh_build:
            return "fresh build";
        case TrialKind::incremental:
            return "incremental";
        case TrialKind::reindex_all:
            return "reindex all";
    }
    return "?";
}

std::string TrialReport::line() const {
    char head[200];
    std::snprintf(
        head, sizeof head, "trial %3d: %-11s %5zu changed  -j%u  kill at %6.3f s: %s, %6lld documents: ", number,
        to_string(kind), changed_files, jobs, kill_after_seconds,
        finished_before_kill ? "run had ended " : "killed mid-run", static_cast<long long>(documents_after_kill));
    return head + (problems.empty() ? std::string("clean") : "PROBLEM\n" + problems);
}

KillLoop::KillLoop(KillLoopOptions options)
    : m_options(std::move(options)),
      m_db(m_options.work_dir + "/db"),
      m_config(m_options.work_dir + "/idx.yaml"),
      m_rng(m_options.seed) {}

std::string KillLoop::run_idx_add(double& seconds, int& exit_code) {
    const auto start = Clock::now();
    const Exit add =
        run(idx_command(m_options.idx_binary, {"add", "--db", m_db, "--config", m_config, m_options.corpus}));
    seconds = seconds_since(start);
    exit_code = add.code;
    if (add.signal != 0 || add.hung || (add.code != 0 && add.code != 1)) return "idx add: " + add.describe();
    return {};
}

std::string KillLoop::calibrate() {
    fs::remove_all(m_db);
    write_file(m_config, "title_weight: " + std::to_string(m_title_weight) + "\n");
    std::string problems = run_idx_add(m_full_seconds, m_clean_exit_code);
    if (!problems.empty()) return "calibration: " + problems;
    int noop_exit = 0;
    problems = run_idx_add(m_noop_seconds, noop_exit);
    if (!problems.empty()) return "calibration (second run): " + problems;
    if (const std::string check = xapian_check_problems(m_db); !check.empty()) return "calibration: " + check;
    for (const SourceRecord& source : indexed_sources(m_db)) m_expected.insert(source.path);
    if (m_expected.empty()) return "calibration: idx indexed nothing under " + m_options.corpus;
    // Whatever the first run made of the corpus is the reference; a second
    // uninterrupted run must agree with it.
    return convergence_problems(m_db, {m_expected.begin(), m_expected.end()});
}

// Changes `how_many` files: appends to some, touches some (new mtime, same
// bytes), deletes some and adds new posts. Returns how many it changed.
std::size_t KillLoop::change_corpus(std::size_t how_many) {
    std::vector<std::string> existing(m_expected.begin(), m_expected.end());
    std::shuffle(existing.begin(), existing.end(), m_rng);
    std::size_t changed = 0;
    for (std::size_t i = 0; i < how_many && i < existing.size(); ++i) {
        const std::string& path = existing[i];
        switch (std::uniform_int_distribution<int>(0, 3)(m_rng)) {
            case 0: {  // new words at the end of the body
                std::ofstream out(path, std::ios::app);
                out << "\n<p>Appended in a kill trial: " << marker_word(m_next_post++) << ".</p>\n";
                break;
            }
            case 1: {  // touched: same bytes, a new mtime
                const timespec times[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
                ::utimensat(AT_FDCWD, path.c_str(), times, 0);
                break;
            }
            case 2:
                fs::remove(path);
                m_expected.erase(path);
                break;
            default: {
                const std::string dir = m_options.corpus + "/added-by-trials";
                for (const std::string& added :
                     write_generated_posts(dir, m_next_post++, 1, static_cast<std::uint32_t>(m_rng())))
                    m_expected.insert(fs::canonical(added).string());
                break;
            }
        }
        ++changed;
    }
    return changed;
}

std::string KillLoop::after_kill_problems(TrialKind kind) {
    if (!fs::exists(m_db + "/iamglass")) {
        // Killed before Xapian finished creating the database: only a first
        // build may leave no database, and search must say so, not crash.
        if (kind != TrialKind::fresh_build) return "the database is gone after a kill";
        const Exit search = run(idx_command(m_options.idx_binary, {"search", "--db", m_db, "--json", "river"}));
        if (!search.exited(2)) return "search with no database yet: " + search.describe();
        return {};
    }
    if (std::string check = xapian_check_problems(m_db); !check.empty()) return "after the kill: " + check;
    try {
        m_documents_after_kill = Xapian::Database(m_db).get_doccount();
    } catch (const Xapian::Error& e) {
        return "after the kill the database does not open: " + e.get_description();
    }
    const Exit search = run(idx_command(m_options.idx_binary, {"search", "--db", m_db, "--json", "river"}));
    if (search.signal != 0 || (search.code != 0 && search.code != 1) || !is_valid_json(search.out))
        return "search after the kill: " + search.describe() + " " + search.out.substr(0, 300);
    return {};
}

std::string KillLoop::recovery_problems() {
    double seconds = 0;
    int exit_code = 0;
    if (std::string problems = run_idx_add(seconds, exit_code); !problems.empty()) return "recovery run: " + problems;
    if (exit_code != m_clean_exit_code)
        return "recovery run exited " + std::to_string(exit_code) + ", an uninterrupted run " +
               std::to_string(m_clean_exit_code);
    if (std::string check = xapian_check_problems(m_db); !check.empty()) return "after recovery: " + check;
    if (std::string problems = convergence_problems(m_db, {m_expected.begin(), m_expected.end()}); !problems.empty())
        return "after recovery: " + problems;
    // A generated post must be found by its own word.
    std::vector<std::string> generated;
    for (const std::string& path : m_expected)
        if (generated_number(path)) generated.push_back(path);
    if (!generated.empty()) {
        const std::string& path = generated[std::uniform_int_distribution<std::size_t>(0, generated.size() - 1)(m_rng)];
        return search_problems(m_options.idx_binary, m_db, marker_word(*generated_number(path)), path);
    }
    return search_problems(m_options.idx_binary, m_db, "the");
}

// Run times change with the machine's load: a run that ended before its
// kill shows the estimate was long, a kill after the estimate shows it was
// short. Keeping it close keeps the kills spread over the whole run.
void KillLoop::learn_duration(TrialKind kind, bool ended, double seconds, double expected) {
    double& scale = m_scale[static_cast<int>(kind)];
    const double ratio = seconds / std::max(expected, 0.001);
    if (ended)
        scale *= 0.5 + 0.5 * ratio;
    else if (ratio > 1)
        scale *= ratio;
}

TrialReport KillLoop::trial(int number) {
    TrialReport report;
    report.number = number;
    const int roll = std::uniform_int_distribution<int>(0, 9)(m_rng);
    report.kind = roll < 3 ? TrialKind::fresh_build : roll < 7 ? TrialKind::incremental : TrialKind::reindex_all;
    static constexpr unsigned kJobs[] = {1, 2, 4};
    report.jobs = kJobs[std::uniform_int_distribution<std::size_t>(0, 2)(m_rng)];

    double expected_seconds = m_full_seconds;
    switch (report.kind) {
        case TrialKind::fresh_build:
            fs::remove_all(m_db);
            break;
        case TrialKind::incremental: {
            const std::size_t most = std::max<std::size_t>(1, m_expected.size() / 10);
            report.changed_files = change_corpus(std::uniform_int_distribution<std::size_t>(1, most)(m_rng));
            expected_seconds = (m_noop_seconds + m_full_seconds * static_cast<double>(report.changed_files) /
                                                     static_cast<double>(std::max<std::size_t>(1, m_expected.size())));
            break;
        }
        case TrialKind::reindex_all:
            m_title_weight = m_title_weight == 5 ? 6 : 5;
            write_file(m_config, "title_weight: " + std::to_string(m_title_weight) + "\n");
            break;
    }
    expected_seconds *= m_scale[static_cast<int>(report.kind)];
    // Anywhere from before the run starts to a little after it would end.
    report.kill_after_seconds = std::uniform_real_distribution<double>(0, expected_seconds * 1.2)(m_rng);

    Child add(idx_command(m_options.idx_binary, {"add", "--db", m_db, "--config", m_config, "-j",
                                                 std::to_string(report.jobs), m_options.corpus}));
    const auto started = Clock::now();
    while (seconds_since(started) < report.kill_after_seconds && add.running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    report.finished_before_kill = !add.running();
    add.kill(SIGKILL);
    learn_duration(report.kind, report.finished_before_kill, seconds_since(started), expected_seconds);
    const Exit killed = add.wait();
    const bool clean_end = killed.signal == 0 && (killed.code == 0 || killed.code == 1);
    if (!(killed.signal == SIGKILL || clean_end)) {
        report.problems = "the run ended on its own with " + killed.describe();
        return report;
    }
    m_documents_after_kill = -1;
    report.problems = after_kill_problems(report.kind);
    report.documents_after_kill = m_documents_after_kill;
    if (report.problems.empty()) report.problems = recovery_problems();
    return report;
}

}  // namespace idx::test
