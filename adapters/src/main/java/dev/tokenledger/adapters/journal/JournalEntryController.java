package dev.tokenledger.adapters.journal;

import dev.tokenledger.adapters.platform.ApiExamples;
import dev.tokenledger.journal.PostJournalEntry;
import dev.tokenledger.journal.PostingResult;
import dev.tokenledger.journal.ReverseJournalEntry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;

@RestController
@RequestMapping("/api/v1/journal-entries")
@Tag(name = "Journal", description = "Manual entries (adjustments) and reversals")
public class JournalEntryController {

    private final CommandGateway commands;

    public JournalEntryController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Post a manual journal entry",
            description = "entryId is chosen by the client and is the idempotency key: a retry with the same content "
                    + "returns 200 with alreadyApplied=true; different content under the same id is refused (409). "
                    + "An entry dated in a closed period posts to the first open period, flagged priorPeriod.")
    public ResponseEntity<PostingResult> post(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.JOURNAL_ENTRY))) @RequestBody PostJournalEntry request) {
        PostingResult result = commands.sendAndWait(request);
        return respond(result);
    }

    @PostMapping("/{entryId}/reversal")
    @Operation(summary = "Reverse an entry with a new entry that mirrors it",
            description = "reversalEntryId is the new entry's id and the idempotency key of this request.")
    public ResponseEntity<PostingResult> reverse(@PathVariable String entryId, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.REVERSAL))) @RequestBody ReversalRequest request) {
        PostingResult result = commands.sendAndWait(new ReverseJournalEntry(entryId, request.reversalEntryId(),
                request.effectiveDate(), request.reason()));
        return respond(result);
    }

    private static ResponseEntity<PostingResult> respond(PostingResult result) {
        return ResponseEntity.status(result.alreadyApplied() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/audit-trail/" + result.entryId()))
                .body(result);
    }

    public record ReversalRequest(String reversalEntryId, LocalDate effectiveDate, String reason) {
    }
}
