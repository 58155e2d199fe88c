// Running the real binaries from tests.
//
//   RunResult r = run_process({LLMSEC_BINARY, "scan", "--jsonl"}, "{\"text\": \"hi\"}\n");
//   ChildProcess server({LLMSEC_BINARY, "serve", "--listen", "127.0.0.1:0"});
//   std::string line = server.read_line_matching("listening");
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <sys/types.h>

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv to completion (argv[0] looked up on PATH), feeding it `input` on stdin; kills it
// after `timeout`.
RunResult run_process(const std::vector<std::string>& argv, const std::string& input = "",
                      std::chrono::seconds timeout = std::chrono::seconds(60));

// A long-running child (a server; argv[0] looked up on PATH) whose stdout is read line by
// line; killed on destruction.
class ChildProcess {
 public:
  // With `with_stderr`, the child's stderr goes into the same pipe as its stdout.
  explicit ChildProcess(const std::vector<std::string>& argv, bool with_stderr = false);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The first stdout line containing `needle`; throws after `timeout`.
  std::string read_line_matching(const std::string& needle,
                                 std::chrono::seconds timeout = std::chrono::seconds(20));
  // Sends `signal` and waits for the exit; returns the exit status (or 128 + signal).
  int stop(int signal, std::chrono::seconds timeout = std::chrono::seconds(20));
  // Every line read so far, matching or not.
  const std::string& transcript() const { return transcript_; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string pending_;
  std::string transcript_;
  bool exited_ = false;
};

// "127.0.0.1:PORT" out of a line like "llmsec listening api=127.0.0.1:PORT admin=...".
std::string field_after(const std::string& line, const std::string& key);
