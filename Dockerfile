# The portal image used by docker-compose.yml. `npm ci` also builds the portal; `npm start` applies
# migrations and seeds demo data into an empty database, then serves the portal.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund
ENV NODE_ENV=production
EXPOSE 3000
CMD ["npm", "start"]
