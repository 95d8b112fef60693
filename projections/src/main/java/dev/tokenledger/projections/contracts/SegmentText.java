package dev.tokenledger.projections.contracts;

import dev.tokenledger.contracts.RecognitionBasis;
import dev.tokenledger.contracts.Segment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** An obligation's recognition segments as one text column: "start|end|amount|before|basis;..." in date order. */
final class SegmentText {

    private SegmentText() {
    }

    static String encode(List<Segment> segments) {
        StringBuilder text = new StringBuilder();
        for (Segment s : segments) {
            if (!text.isEmpty()) {
                text.append(';');
            }
            text.append(s.start()).append('|').append(s.end()).append('|').append(s.amountMinor()).append('|')
                    .append(s.recognizedBefore()).append('|').append(s.basis());
        }
        return text.toString();
    }

    static List<Segment> decode(String text) {
        List<Segment> segments = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return segments;
        }
        for (String part : text.split(";")) {
            String[] f = part.split("\\|");
            segments.add(new Segment(LocalDate.parse(f[0]), LocalDate.parse(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), RecognitionBasis.valueOf(f[4])));
        }
        return segments;
    }
}
