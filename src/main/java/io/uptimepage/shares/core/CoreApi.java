package io.uptimepage.shares.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The core's REST API, as this service uses it (all reads of one target). Package-private: everything goes
 * through {@link CoreClient}, which adds the credentials, fault tolerance and the 404-means-gone rule.
 */
@RegisterRestClient(configKey = "core")
@Path("/api/v1/targets/{id}")
interface CoreApi {

    String ORG = "X-Uptimepage-Org";

    @GET
    Uni<Target> target(@PathParam("id") String id, @HeaderParam("Authorization") String auth, @HeaderParam(ORG) String org);

    @GET
    @Path("/results")
    Uni<ResultsPage> results(@PathParam("id") String id, @HeaderParam("Authorization") String auth, @HeaderParam(ORG) String org,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") int limit,
            @QueryParam("offset") int offset);

    @GET
    @Path("/latency")
    Uni<LatencySeries> latency(@PathParam("id") String id, @HeaderParam("Authorization") String auth, @HeaderParam(ORG) String org,
            @QueryParam("from") String from, @QueryParam("to") String to);

    @GET
    @Path("/uptime")
    Uni<UptimeStats> uptime(@PathParam("id") String id, @HeaderParam("Authorization") String auth, @HeaderParam(ORG) String org,
            @QueryParam("from") String from, @QueryParam("to") String to);

    @GET
    @Path("/incidents")
    Uni<IncidentsPage> incidents(@PathParam("id") String id, @HeaderParam("Authorization") String auth, @HeaderParam(ORG) String org,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("ongoing_only") Boolean ongoingOnly,
            @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path("/regions")
    Uni<JsonNode> regions(@PathParam("id") String id, @HeaderParam("Authorization") String auth, @HeaderParam(ORG) String org);
}
