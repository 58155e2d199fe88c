// A file under the system temp directory, removed when the object goes.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

class TempFile {
 public:
  explicit TempFile(const std::string& content, const std::string& suffix = ".yaml") {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("llmsec-test-" + std::to_string(random()) + suffix);
    std::ofstream(path_) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }
  std::string dir() const { return path_.parent_path().string(); }
  std::string name() const { return path_.filename().string(); }

 private:
  std::filesystem::path path_;
};
