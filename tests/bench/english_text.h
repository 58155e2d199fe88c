// The benchmarks' honest English prompt: ordinary sentences, no attack, no personal data.
//
//   const std::string text = english_prompt(4096);   // about 4096 bytes
#pragma once

#include <cstddef>
#include <string>

inline std::string english_prompt(std::size_t bytes) {
  static const char* sentences[] = {
      "Could you help me write a short report about the history of the railway in my town? ",
      "The first station opened in 1862 and the line was extended twice before the war. ",
      "Please keep the tone friendly and add a list of sources at the end of the text. ",
      "I would also like a paragraph on how the timetable changed after electrification. ",
      "Summarise the previous section in two sentences and suggest a title for the piece. ",
  };
  std::string text;
  for (std::size_t i = 0; text.size() < bytes; ++i) text += sentences[i % 5];
  text.resize(bytes);
  return text;
}
