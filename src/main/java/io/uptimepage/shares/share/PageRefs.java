package io.uptimepage.shares.share;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.List;

/**
 * {@code shares.used_by_pages}: the status pages using a link, stored as the JSON text {@code [{"name","slug"}]}.
 * A plain mapper of its own, so a change to the REST ObjectMapper never changes what is stored.
 */
@Converter
public class PageRefs implements AttributeConverter<List<Share.PageRef>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Share.PageRef>> TYPE = new TypeReference<>() {
    };

    static String write(List<Share.PageRef> pages) {
        try {
            return JSON.writeValueAsString(pages == null ? List.of() : pages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Share.PageRef> read(String text) {
        try {
            return text == null ? List.of() : List.copyOf(JSON.readValue(text, TYPE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("shares.used_by_pages is not a list of pages", e);
        }
    }

    @Override
    public String convertToDatabaseColumn(List<Share.PageRef> pages) {
        return write(pages);
    }

    @Override
    public List<Share.PageRef> convertToEntityAttribute(String text) {
        return read(text);
    }
}
