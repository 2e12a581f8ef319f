package dev.pillar.storage.adapters.http.upload;

import dev.pillar.storage.adapters.http.UseCases;
import dev.pillar.storage.adapters.http.auth.Authenticator;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** The route table of resumable uploads (tus 1.0.0) under {@code /upload/resumable}, as Supabase serves them. */
public final class ResumableUploadRoutes implements HttpService {
    private final ResumableUploadHandler uploads;

    public ResumableUploadRoutes(Authenticator auth, UseCases useCases) {
        this.uploads = new ResumableUploadHandler(auth, useCases.createResumableUpload(), useCases.receiveUploadChunk(),
                useCases.getUploadStatus(), useCases.terminateUpload());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.options("/upload/resumable", uploads::options)
                .options("/upload/resumable/{id}", uploads::options)
                .post("/upload/resumable", Tus.route(uploads::create))
                .head("/upload/resumable/{id}", Tus.route(uploads::head))
                .patch("/upload/resumable/{id}", Tus.route(uploads::patch))
                .delete("/upload/resumable/{id}", Tus.route(uploads::delete));
    }
}
