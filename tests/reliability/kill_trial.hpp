#pragma once
// Kill-at-any-moment trials: run `idx add`, SIGKILL it at a random moment,
// then check that the database opens, xapian-check finds no errors, search
// works, and the next `idx add` converges to exactly one up-to-date document
// per post on disk. Shared by tests/reliability/kill_test.cpp (a short run on
// generated posts) and tests/stress/kill_loop.cpp (100 trials on real posts).

#include <cstdint>
#include <random>
#include <set>
#include <string>

namespace idx::test {

struct KillLoopOptions {
    std::string idx_binary;
    std::string corpus;    // the posts; trials change, add and delete files here, so give a copy
    std::string work_dir;  // holds the database and idx.yaml
    std::uint32_t seed = 1;
};

enum class TrialKind { fresh_build, incremental, reindex_all };

struct TrialReport {
    int number = 0;
    TrialKind kind = TrialKind::fresh_build;
    std::size_t changed_files = 0;  // incremental: files changed, touched, added or deleted first
    unsigned jobs = 1;
    double kill_after_seconds = 0;
    bool finished_before_kill = false;       // the run ended before the kill came
    std::int64_t documents_after_kill = -1;  // what the last commit held; -1: no database yet
    std::string problems;                    // empty: clean

    bool clean() const { return problems.empty(); }
    std::string line() const;  // one line for the tally
};

class KillLoop {
public:
    explicit KillLoop(KillLoopOptions options);

    // One uninterrupted build and one no-op run: the set of paths a correct
    // index holds and the run times the kill moments are drawn from. Returns
    // problems; empty when idx built a clean index.
    std::string calibrate();

    TrialReport trial(int number);

private:
    std::size_t change_corpus(std::size_t how_many);
    std::string after_kill_problems(TrialKind kind);
    std::string recovery_problems();
    std::string run_idx_add(double& seconds, int& exit_code);
    void learn_duration(TrialKind kind, bool ended, double seconds, double expected);

    KillLoopOptions m_options;
    std::string m_db;
    std::string m_config;
    std::mt19937 m_rng;
    std::set<std::string> m_expected;  // canonical paths a converged index holds
    std::size_t m_next_post = 900000;  // numbering of generated posts the trials add
    int m_clean_exit_code = 0;         // what an uninterrupted run of this corpus exits with
    unsigned m_title_weight = 5;       // toggled to force a reindex of everything
    double m_full_seconds = 1;
    double m_noop_seconds = 0.05;
    double m_scale[3] = {1, 1, 1};  // per TrialKind: measured run time / estimate, learnt as trials go
    std::int64_t m_documents_after_kill = -1;
};

const char* to_string(TrialKind kind);

}  // namespace idx::test
